//! New identifiers are UUIDv7: time-ordered, so they index well and sort by creation.

/// A fresh id of any id type, e.g. `new_id::<AccountId>()` via `AccountId::new`.
pub fn new_id<T: From<String>>() -> T {
    T::from(uuid::Uuid::now_v7().to_string())
}

/// An id made at `at` rather than now, for records of the past (the demo's history), so they
/// sort among others by when they happened.
pub fn id_at<T: From<String>>(at: farmgate_domain::time::Timestamp) -> T {
    let millis = u64::try_from(at.millis()).unwrap_or(0);
    let stamp = uuid::Timestamp::from_unix(
        uuid::NoContext,
        millis / 1_000,
        u32::try_from(millis % 1_000 * 1_000_000).unwrap_or(0),
    );
    T::from(uuid::Uuid::new_v7(stamp).to_string())
}
