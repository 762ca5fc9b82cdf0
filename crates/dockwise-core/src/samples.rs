//! Built-in sample files for the playground: a deliberately bad file, a
//! hardened one, and the examples of the lessons Dockwise serves. Tests below
//! pin what each sample is meant to show, so a sample cannot drift away from
//! the lesson it illustrates.

use crate::engine::FileKind;

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
        text: r#"FROM python:latest
MAINTAINER dev@example.com

ENV DATABASE_PASSWORD=super_secret_password
ENV API_KEY=sk-1234567890abcdef

ADD . /app
RUN cd /app && pip install -r requirements.txt

RUN apt-get update
RUN sudo apt-get install gcc libpq-dev

EXPOSE 8000
CMD python /app/app.py
"#,
    },
    Sample {
        id: "hardened",
        title: "Hardened web app (no findings)",
        kind: FileKind::Dockerfile,
        text: r#"# syntax=docker/dockerfile:1
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
"#,
    },
    Sample {
        id: "lesson-base-images",
        title: "Lesson: choosing a base image",
        kind: FileKind::Dockerfile,
        text: r#"# Which base? Full images carry compilers and debuggers you do not need.
# EXCELLENT: gcr.io/distroless/python3 (no shell)
# GOOD:      python:3.11-alpine
# ACCEPTABLE: python:3.11-slim
# AVOID:     python:3.11  (full image)
FROM python:3.11
WORKDIR /app
COPY . .
USER 1001
CMD ["python", "app.py"]
"#,
    },
    Sample {
        id: "lesson-non-root",
        title: "Lesson: non-root user",
        kind: FileKind::Dockerfile,
        text: r#"FROM python:3.11-slim

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
"#,
    },
    Sample {
        id: "lesson-secrets",
        title: "Lesson: secrets baked into the image",
        kind: FileKind::Dockerfile,
        text: r#"FROM python:3.11-slim
# NEVER: Secrets in images
ENV API_KEY=sk-1234567890abcdef
ENV DATABASE_PASSWORD=super_secret_password
COPY api_keys.txt /app/
USER 1001
CMD ["python", "/app/app.py"]
"#,
    },
    Sample {
        id: "lesson-multi-stage",
        title: "Lesson: multi-stage Node.js build",
        kind: FileKind::Dockerfile,
        text: r#"# Build stage
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
"#,
    },
    Sample {
        id: "lesson-layers",
        title: "Lesson: one RUN per step (layer bloat)",
        kind: FileKind::Dockerfile,
        text: r#"FROM debian:12-slim
# BAD: Creates multiple layers, poor caching
RUN apt-get update
RUN apt-get install -y curl
RUN apt-get install -y wget
RUN apt-get clean
USER 1001
"#,
    },
    Sample {
        id: "lesson-health-exec",
        title: "Lesson: health check and graceful shutdown",
        kind: FileKind::Dockerfile,
        text: r#"FROM python:3.11-slim
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
"#,
    },
    Sample {
        id: "lesson-test-stages",
        title: "Lesson: test and production stages",
        kind: FileKind::Dockerfile,
        text: r#"# Multi-stage with test stage
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
"#,
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
        lint(s.text, &LintOptions::default()).findings.iter().map(|f| f.rule.id).collect()
    }

    #[test]
    fn every_sample_parses() {
        for s in SAMPLES {
            let r = lint(s.text, &LintOptions::default());
            assert!(!r.has_syntax_errors(), "{}", s.id);
        }
    }

    #[test]
    fn hardened_sample_is_clean() {
        assert!(rules_of("hardened").is_empty(), "{:?}", rules_of("hardened"));
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
    }
}
