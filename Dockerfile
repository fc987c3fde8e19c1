# Build stage
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/motcua ./backend/cmd/motcua

# Runtime stage: no shell, runs as nonroot (65532)
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/motcua /motcua
ENV HTTP_ADDR=0.0.0.0:8080 \
    APP_ENV=production
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/motcua", "healthcheck"]
ENTRYPOINT ["/motcua"]
CMD ["serve"]
