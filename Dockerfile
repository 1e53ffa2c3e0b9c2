# Multi-stage: build a static binary, ship it alone on a minimal base as a
# non-root user, with the data in a volume.
FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/authappliance/appliance/hooks/buildinfo.Version=${VERSION}" \
      -o /out/appliance .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/appliance /appliance
# pb_data holds the SQLite database, the uploaded files and the backups
VOLUME /data
EXPOSE 8090
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["/appliance", "healthcheck", "--url", "http://127.0.0.1:8090/api/health"]
ENTRYPOINT ["/appliance", "serve", "--http", "0.0.0.0:8090", "--dir", "/data"]
