//! `farmgate bench …`: each benchmark measures its hot path and a baseline in the same run and
//! prints ratios, because absolute times on a shared machine mislead.

pub mod checkout;
mod flash_baseline;
pub mod flash_sale;
pub mod http;
mod load;
pub mod room;
mod room_clients;
pub mod room_server;
pub mod routing;
mod routing_reference;
pub mod search;
mod server;
pub mod stats;
mod stats_orders;
mod stats_seed;
pub mod trace;
mod trace_seed;
