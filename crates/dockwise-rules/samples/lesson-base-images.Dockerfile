# Which base? Full images carry compilers and debuggers you do not need.
# EXCELLENT: gcr.io/distroless/python3 (no shell)
# GOOD:      python:3.11-alpine
# ACCEPTABLE: python:3.11-slim
# AVOID:     python:3.11  (full image)
FROM python:3.11
WORKDIR /app
COPY . .
USER 1001
CMD ["python", "app.py"]
