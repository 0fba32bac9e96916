"""What a published dataset carries besides its tables: the dataset card."""
