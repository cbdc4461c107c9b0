//! Newsfront core: the feed contract (placeholder, being written).
