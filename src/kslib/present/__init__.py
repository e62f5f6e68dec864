"""What committees read: Swedish labels, derived frames, charts, commentary and styled tables.

Everything here takes plain frames of the processed-data contract; nothing reads a raw report
or knows about the render pipeline."""
