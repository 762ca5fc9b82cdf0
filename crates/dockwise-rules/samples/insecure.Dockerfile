FROM python:latest
MAINTAINER dev@example.com

ENV DATABASE_PASSWORD=super_secret_password
ENV API_KEY=sk-1234567890abcdef

ADD . /app
RUN cd /app && pip install -r requirements.txt

RUN apt-get update
RUN sudo apt-get install gcc libpq-dev

EXPOSE 8000
CMD python /app/app.py
