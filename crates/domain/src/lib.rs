//! Farmgate's domain: the vocabulary and rules of rural e-commerce as plain Rust.
//! Nothing here does I/O, is async, or knows SQL or HTTP; every other layer builds on it.

pub mod access;
pub mod account;
pub mod application;
pub mod id;
pub mod money;
pub mod place;
pub mod role;
pub mod shop;
pub mod time;
pub mod validation;
