"""The job worker (`avenir worker`); module map: README.md beside this file."""
