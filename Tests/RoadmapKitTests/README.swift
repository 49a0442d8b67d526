// Tests for this target land with the code they test.
