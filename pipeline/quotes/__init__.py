"""Quote libraries: the finders of each quote kind and the cues that mark speech."""
