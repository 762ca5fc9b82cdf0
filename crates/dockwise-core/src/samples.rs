//! Built-in sample files for the playground: a deliberately bad file, a
//! hardened one, and the examples of the lessons Dockwise serves. Tests below
//! pin what each sample is meant to show, so a sample cannot drift away from
//! the lesson it illustrates.

use crate::engine::FileKind;

/// A sample's text: kept with the `docs` feature, empty without it (the
/// browser build fetches `samples.json` when a sample is picked instead).
macro_rules! sample_text {
    ($s:expr) => {
        if cfg!(feature = "docs") {
            $s
        } else {
            ""
        }
    };
}

pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    pub kind: FileKind,
    pub text: &'static str,
}

pub static SAMPLES: &[Sample] = &[
    Sample {
        id: "insecure",
        title: "Insecure web app (many problems)",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"FROM python:latest
MAINTAINER dev@example.com

ENV DATABASE_PASSWORD=super_secret_password
ENV API_KEY=sk-1234567890abcdef

ADD . /app
RUN cd /app && pip install -r requirements.txt

RUN apt-get update
RUN sudo apt-get install gcc libpq-dev

EXPOSE 8000
CMD python /app/app.py
"#),
    },
    Sample {
        id: "hardened",
        title: "Hardened web app (no findings)",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"# syntax=docker/dockerfile:1
# Build stage: compilers live here and never reach the final image.
FROM python:3.12-slim@sha256:2f3b7c5a9e1d4b6f8a0c2e4d6b8f0a1c3e5d7b9f1a3c5e7d9b1f3a5c7e9d1b3f AS build
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.10-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# Runtime stage: slim base, unprivileged user, exec-form command.
FROM python:3.12-slim@sha256:2f3b7c5a9e1d4b6f8a0c2e4d6b8f0a1c3e5d7b9f1a3c5e7d9b1f3a5c7e9d1b3f
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY --chown=10001:10001 . .
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"#),
    },
    Sample {
        id: "lesson-base-images",
        title: "Lesson: choosing a base image",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"# Which base? Full images carry compilers and debuggers you do not need.
# EXCELLENT: gcr.io/distroless/python3 (no shell)
# GOOD:      python:3.11-alpine
# ACCEPTABLE: python:3.11-slim
# AVOID:     python:3.11  (full image)
FROM python:3.11
WORKDIR /app
COPY . .
USER 1001
CMD ["python", "app.py"]
"#),
    },
    Sample {
        id: "lesson-non-root",
        title: "Lesson: non-root user",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"FROM python:3.11-slim

# Create dedicated user with specific UID/GID
RUN groupadd -r appuser -g 1001 && \
    useradd -r -g appuser -u 1001 -s /bin/false appuser

# Create application directory and set ownership
WORKDIR /app
COPY --chown=appuser:appuser . .

# Install dependencies as root, then switch
RUN pip install -r requirements.txt

# Switch to non-root user for runtime
USER appuser

CMD ["python", "app.py"]
"#),
    },
    Sample {
        id: "lesson-secrets",
        title: "Lesson: secrets baked into the image",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"FROM python:3.11-slim
# NEVER: Secrets in images
ENV API_KEY=sk-1234567890abcdef
ENV DATABASE_PASSWORD=super_secret_password
COPY api_keys.txt /app/
USER 1001
CMD ["python", "/app/app.py"]
"#),
    },
    Sample {
        id: "lesson-multi-stage",
        title: "Lesson: multi-stage Node.js build",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"# Build stage
FROM node:18-alpine AS builder
WORKDIR /app
COPY package*.json ./
RUN npm ci --only=production
COPY . .
RUN npm run build && npm prune --production

# Runtime stage - significantly smaller
FROM node:18-alpine AS runtime
RUN addgroup -g 1001 -S nodejs && \
    adduser -S nextjs -u 1001
WORKDIR /app

# Copy only necessary files
COPY --from=builder --chown=nextjs:nodejs /app/dist ./dist
COPY --from=builder --chown=nextjs:nodejs /app/node_modules ./node_modules
COPY --from=builder --chown=nextjs:nodejs /app/package.json ./package.json

USER nextjs
CMD ["npm", "start"]
"#),
    },
    Sample {
        id: "lesson-layers",
        title: "Lesson: one RUN per step (layer bloat)",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"FROM debian:12-slim
# BAD: Creates multiple layers, poor caching
RUN apt-get update
RUN apt-get install -y curl
RUN apt-get install -y wget
RUN apt-get clean
USER 1001
"#),
    },
    Sample {
        id: "lesson-health-exec",
        title: "Lesson: health check and graceful shutdown",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"FROM python:3.11-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 1001
EXPOSE 8000

# Comprehensive health check
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD curl -f http://localhost:8000/health || exit 1

# Use exec form for proper signal handling
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"#),
    },
    Sample {
        id: "lesson-test-stages",
        title: "Lesson: test and production stages",
        kind: FileKind::Dockerfile,
        text: sample_text!(r#"# Multi-stage with test stage
FROM python:3.11-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM base AS test
COPY requirements-test.txt .
RUN pip install -r requirements-test.txt
COPY . .
CMD ["pytest", "-v"]

FROM base AS production
COPY . .
CMD ["gunicorn", "app:app"]
"#),
    },
    Sample {
        id: "compose-insecure",
        title: "Insecure Compose stack (many problems)",
        kind: FileKind::Compose,
        text: sample_text!(r#"version: "3.8"
services:
  web:
    image: nginx:latest
    privileged: true
    network_mode: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  grafana:
    image: grafana/grafana
    ports:
      - "3000:3000"
    environment:
      - GF_SECURITY_ADMIN_PASSWORD=admin
  db:
    image: postgres:16.4
    user: root
    ports:
      - "5432:5432"
    environment:
      POSTGRES_PASSWORD: s3cr3t-Pa55
    logging:
      driver: json-file
"#),
    },
    Sample {
        id: "compose-hardened",
        title: "Hardened Compose stack (no findings)",
        kind: FileKind::Compose,
        text: sample_text!(r#"name: shop
x-hardening: &hardening
  read_only: true
  cap_drop: [ALL]
  security_opt:
    - no-new-privileges:true
  logging:
    driver: json-file
    options:
      max-size: "10m"
      max-file: "3"

services:
  api:
    <<: *hardening
    image: ghcr.io/example/shop-api:1.4.2
    user: "10001:10001"
    ports:
      - "127.0.0.1:8080:8080"
    environment:
      DATABASE_URL: postgres://api@db:5432/shop
      DB_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    tmpfs:
      - /tmp
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "/app/healthcheck"]
      interval: 30s
      timeout: 3s
      retries: 3
    deploy:
      resources:
        limits:
          memory: 512M
          cpus: "1.0"
  db:
    <<: *hardening
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    volumes:
      - db-data:/var/lib/postgresql/data
    tmpfs:
      - /tmp
      - /run/postgresql
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 10s
      timeout: 3s
      retries: 5
    deploy:
      resources:
        limits:
          memory: 1G

volumes:
  db-data:
secrets:
  db_password:
    file: ./db_password.txt
"#),
    },
    Sample {
        id: "lesson-monitoring",
        title: "Lesson: monitoring stack (Compose)",
        kind: FileKind::Compose,
        text: sample_text!(r#"# Comprehensive monitoring stack
version: '3.8'
services:
  # Log aggregation
  loki:
    image: grafana/loki:latest
    ports:
      - "3100:3100"

  # Metrics collection
  prometheus:
    image: prom/prometheus:latest
    ports:
      - "9090:9090"

  # Alerting
  alertmanager:
    image: prom/alertmanager:latest
    ports:
      - "9093:9093"

  # Visualization
  grafana:
    image: grafana/grafana:latest
    ports:
      - "3000:3000"
    environment:
      - GF_SECURITY_ADMIN_PASSWORD=admin
"#),
    },
    Sample {
        id: "lesson-compose-limits",
        title: "Lesson: resource limits and log rotation (Compose)",
        kind: FileKind::Compose,
        text: sample_text!(r#"services:
  web:
    image: myapp:latest
    deploy:
      resources:
        limits:
          memory: 512M
          cpus: '1.0'
        reservations:
          memory: 256M
          cpus: '0.5'
  app:
    image: myapp:latest
    logging:
      driver: "json-file"
      options:
        max-size: "10m"
        max-file: "3"
"#),
    },
    Sample {
        id: "lesson-compose-secrets",
        title: "Lesson: secrets handling (Compose)",
        kind: FileKind::Compose,
        text: sample_text!(r#"# Docker Compose with external secrets
version: '3.8'
services:
  app:
    image: myapp:latest
    environment:
      - API_KEY_FILE=/run/secrets/api_key
    secrets:
      - api_key

secrets:
  api_key:
    external: true  # Managed outside compose
"#),
    },
    Sample {
        id: "k8s-insecure",
        title: "Insecure Kubernetes Deployment (many problems)",
        kind: FileKind::Kubernetes,
        text: sample_text!(r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      hostNetwork: true
      containers:
      - name: api
        image: example/api:latest
        securityContext:
          privileged: true
          runAsUser: 0
        env:
        - name: DB_PASSWORD
          value: hunter2
        volumeMounts:
        - name: docker
          mountPath: /var/run/docker.sock
      volumes:
      - name: docker
        hostPath:
          path: /var/run/docker.sock
"#),
    },
    Sample {
        id: "k8s-hardened",
        title: "Hardened Kubernetes Deployment (no findings)",
        kind: FileKind::Kubernetes,
        text: sample_text!(r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels:
    app.kubernetes.io/name: api
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: api
  template:
    metadata:
      labels:
        app.kubernetes.io/name: api
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: api
        image: ghcr.io/example/shop-api:1.4.2
        ports:
        - containerPort: 8080
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-db
              key: password
        resources:
          requests:
            cpu: 250m
            memory: 256Mi
          limits:
            memory: 256Mi
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop: [ALL]
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
          periodSeconds: 10
          failureThreshold: 6
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          periodSeconds: 5
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
"#),
    },
    Sample {
        id: "lesson-deployment-probes",
        title: "Lesson: Deployment with probes (Kubernetes)",
        kind: FileKind::Kubernetes,
        text: sample_text!(r#"# Kubernetes deployment example
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
      maxSurge: 1
  template:
    spec:
      containers:
      - name: app
        image: myapp:v1.2.3
        livenessProbe:
          httpGet:
            path: /health
            port: 8080
          initialDelaySeconds: 30
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          initialDelaySeconds: 5
          periodSeconds: 5
"#),
    },
];

pub fn find(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{lint, LintOptions};
    use std::collections::BTreeSet;

    fn rules_of(id: &str) -> BTreeSet<&'static str> {
        let s = find(id).expect("sample");
        lint(s.text, &LintOptions { kind: Some(s.kind), ..Default::default() }).findings.iter().map(|f| f.rule.id).collect()
    }

    #[test]
    fn every_sample_parses() {
        for s in SAMPLES {
            let r = lint(s.text, &LintOptions::default());
            assert!(!r.findings.iter().any(|f| std::ptr::eq(f.rule, crate::rules::syntax_rule(s.kind))), "{}: {:?}", s.id, r.findings.first());
            assert_eq!(r.kind, s.kind, "{}: detected as another kind", s.id);
        }
    }

    #[test]
    fn hardened_sample_is_clean() {
        for id in ["hardened", "compose-hardened", "k8s-hardened"] {
            assert!(rules_of(id).is_empty(), "{id}: {:?}", rules_of(id));
        }
    }

    #[test]
    fn samples_show_what_they_teach() {
        let bad = rules_of("insecure");
        for r in ["DL3007", "DL4000", "DW4001", "DL3020", "DL3003", "DL3042", "DW1003", "DL3004", "DL3014", "DL3025", "DW1001", "DW1002", "DW1004", "DW1005"] {
            assert!(bad.contains(r), "insecure sample should show {r}: {bad:?}");
        }
        assert!(rules_of("lesson-base-images").contains("DW1004"));
        assert!(rules_of("lesson-secrets").contains("DW4001"));
        assert!(rules_of("lesson-layers").contains("DW1003"));
        assert!(rules_of("lesson-non-root").contains("DL3042"));
        assert!(!rules_of("lesson-non-root").contains("DW1001"));
        assert!(!rules_of("lesson-health-exec").contains("DW1002"));
        // the lesson's CMD is exec form; its HEALTHCHECK is shell form (needs /bin/sh)
        let s = find("lesson-health-exec").unwrap();
        let r = lint(s.text, &LintOptions::default());
        let dl3025: Vec<_> = r.findings.iter().filter(|f| f.rule.id == "DL3025").collect();
        assert_eq!(dl3025.len(), 1);
        assert!(dl3025[0].span.text(s.text).starts_with("curl -f"));
        assert!(!rules_of("lesson-multi-stage").contains("DW1001"));
        let compose = rules_of("compose-insecure");
        for r in ["DW2002", "DW2003", "DW2006", "DW2007", "DW2008", "DW2009", "DW2010", "DW2015", "DW2016", "DW2017"] {
            assert!(compose.contains(r), "compose-insecure should show {r}: {compose:?}");
        }
        let k8s = rules_of("k8s-insecure");
        for r in ["DW3007", "DW3008", "DW3013", "DW3016", "DW3017", "DW3019", "DW3023"] {
            assert!(k8s.contains(r), "k8s-insecure should show {r}: {k8s:?}");
        }
        let monitoring = rules_of("lesson-monitoring");
        for r in ["DW2006", "DW2008", "DW2016", "DW2018"] {
            assert!(monitoring.contains(r), "monitoring stack should show {r}");
        }
        assert!(!rules_of("lesson-compose-limits").contains("DW2009"));
        let probes = rules_of("lesson-deployment-probes");
        assert!(!probes.contains("DW3004") && !probes.contains("DW3005") && !probes.contains("DW3006"));
        assert!(probes.contains("DW3026") || probes.contains("DW3025"));
    }
}
