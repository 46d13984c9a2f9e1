//! Farmgate's domain: the vocabulary and rules of rural e-commerce as plain Rust.
//! Nothing here does I/O, is async, or knows SQL or HTTP; every other layer builds on it.

pub mod access;
pub mod account;
pub mod address;
pub mod after_sales;
pub mod allocation;
pub mod application;
pub mod availability;
pub mod calendar;
pub mod catalogue;
pub mod checkout;
pub mod commission;
pub mod coupon;
pub mod flash_sale;
pub mod id;
pub mod ledger;
pub mod listing;
pub mod live;
pub mod live_draw;
pub mod live_figures;
pub mod money;
pub mod network;
pub mod order;
pub mod parcel;
pub mod payout;
pub mod place;
pub mod range;
pub mod role;
pub mod route_run;
pub mod shipment;
pub mod shipping;
pub mod shop;
pub mod sku;
pub mod time;
pub mod unit;
pub mod validation;
