//! New identifiers are UUIDv7: time-ordered, so they index well and sort by creation.

/// A fresh id of any id type, e.g. `new_id::<AccountId>()` via `AccountId::new`.
pub fn new_id<T: From<String>>() -> T {
    T::from(uuid::Uuid::now_v7().to_string())
}
