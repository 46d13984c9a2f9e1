//! Tests over a whole index: the relevance table on a fixture catalogue, and the index's
//! behaviour (filters, sorts, updates, visibility, hostile input).

mod behaviour;
mod fixture;
mod relevance;
