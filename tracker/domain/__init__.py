"""The rules of the tracker: plain functions and classes, no Flask request objects."""
