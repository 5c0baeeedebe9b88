-- A database per service. Development only: the compose network's PostgreSQL, reached by the services alone.
create database commitment;
create database recognition;
create database reporting;
