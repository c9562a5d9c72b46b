"""Notice import: paste or upload a notice, review what was read, confirm."""
