# syntax=docker/dockerfile:1
# Build stage: compilers live here and never reach the final image.
FROM python:3.12-slim@sha256:2f3b7c5a9e1d4b6f8a0c2e4d6b8f0a1c3e5d7b9f1a3c5e7d9b1f3a5c7e9d1b3f AS build
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.10-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
# Install into a virtual environment: the runtime stage copies it whole.
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt

# Runtime stage: slim base, only the runtime library psycopg2 links against
# (libpq5, not the compiler or the headers), unprivileged user, exec form.
FROM python:3.12-slim@sha256:2f3b7c5a9e1d4b6f8a0c2e4d6b8f0a1c3e5d7b9f1a3c5e7d9b1f3a5c7e9d1b3f
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# The code stays owned by root: the app can read it, not change it.
COPY . .
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
