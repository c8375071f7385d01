"""Saudi Arabian identifiers: national ID / iqama, commercial registration, national address."""
