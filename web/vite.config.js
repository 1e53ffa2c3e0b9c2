import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app is built into ../pb_public/dist, which the Go binary embeds. The
// output is plain files: one HTML page, one script and one stylesheet, no
// inline script or style (the pages' Content-Security-Policy allows none).
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: "../pb_public/dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8090" },
  },
});
