FROM python:3.11-slim
# NEVER: Secrets in images
ENV API_KEY=sk-1234567890abcdef
ENV DATABASE_PASSWORD=super_secret_password
COPY api_keys.txt /app/
USER 1001
CMD ["python", "/app/app.py"]
