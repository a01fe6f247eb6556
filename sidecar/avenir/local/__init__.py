"""The local system: cluster, migrations, services, demo (`avenir up` ...); module map: README.md beside this file."""
