FROM python:3.11-slim

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
