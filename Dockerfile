# syntax=docker/dockerfile:1
# The dockwise CLI as a small image: a static binary built on Alpine (musl),
# copied into an empty image that runs it as an unprivileged user.
#
#   docker build -t dockwise .
#   docker run --rm -v "$PWD:/work:ro" -w /work dockwise lint Dockerfile
#
# This file is linted by the test command (dockwise and hadolint, no
# findings) but not built there: the machines that run the tests have no
# access to a registry. Base images are pinned by tag only; no digest is
# written here because none could be checked, so the digest rule is
# silenced below with that reason.

# dockwise ignore=DW1017 # digest not checked: no registry access where this file is tested
FROM rust:1.95-alpine AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY crates ./crates
ENV CARGO_PROFILE_RELEASE_STRIP=true
RUN cargo build --release --locked -p dockwise-cli

FROM scratch
COPY --from=build /src/target/release/dockwise /usr/local/bin/dockwise
# a numeric user: scratch has no /etc/passwd
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/dockwise"]
CMD ["--help"]
