//! The storage contract: one suite written once against the storage interfaces and run on both
//! backends. `sqlite::*` tests always run, each on a fresh database in a temporary folder;
//! `postgres::*` tests run when `FARMGATE_TEST_POSTGRES_URL` is set, each in a database of its
//! own, so the whole suite runs in parallel (see `harness.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod harness;

mod accounts;
mod after_sales;
mod applications;
mod batches;
mod campaign_coupons;
mod campaigns;
mod catalogue;
mod concurrency;
mod coupons;
mod down_flow;
mod flash_sales;
mod group_buys;
mod gs1_codes;
mod history;
mod live;
mod live_draws;
mod measures;
mod meta;
mod network;
mod orders;
mod parcels;
mod payouts;
mod places;
mod product_edits;
mod quality;
mod recalls;
mod refunds_after_payouts;
mod route_runs;
mod sandbox;
mod sessions;
mod shops;
mod short_videos;
mod stats;
mod stats_live_network;
mod tokens;
mod up_parcels;

// SQLite-only: file backups and hand-edited files.
mod backup;
mod corrupt;

/// Instantiates each `area::test` once per backend, as `sqlite::test` and `postgres::test`.
macro_rules! contract_tests {
    ($($area:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::harness::on_sqlite(crate::$area::$name).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::harness::on_postgres(stringify!($name), crate::$area::$name).await;
                }
            )*
        }
    };
}

contract_tests!(
    campaign_coupons::campaign_coupons_stop_at_quantity_limit_and_window,
    campaign_coupons::many_buyers_claiming_at_once_never_exceed_the_quantity,
    campaign_coupons::a_campaign_claim_pays_one_checkout_and_returns_when_it_expires,
    campaigns::campaigns_read_back_and_end_once,
    campaigns::a_checkout_stores_its_campaign_parts_and_the_campaign_counts_paid_orders,
    short_videos::a_video_is_made_once_and_its_progress_only_rises,
    short_videos::a_video_with_a_product_that_does_not_exist_writes_nothing,
    short_videos::orders_from_a_video_count_for_it_and_keep_their_channel,
    network::nodes_carriers_and_vehicles_read_back_and_edit_in_place,
    network::codes_and_plates_are_unique_and_references_must_exist,
    network::a_batch_is_saved_whole_or_not_at_all,
    parcels::parcels_read_back_by_id_code_tracking_and_filter,
    parcels::codes_and_tracking_numbers_are_unique_and_a_batch_is_all_or_nothing,
    parcels::a_stage_moves_only_from_where_it_was_and_each_step_is_kept_once,
    parcels::wrong_pickup_codes_are_counted,
    parcels::a_parcel_is_collected_once_however_many_try_at_once,
    up_parcels::an_order_goes_up_once_and_ships_with_its_parcel,
    up_parcels::an_unpaid_order_sends_nothing_up,
    up_parcels::produce_keeps_its_recipient_or_writes_nothing,
    down_flow::a_carrier_token_is_found_by_its_hash_replaced_and_revoked,
    down_flow::parcels_at_their_point_await_a_notice_until_one_is_recorded,
    route_runs::a_new_plan_replaces_the_runs_not_started_and_sends_their_parcels_back,
    route_runs::a_parcel_scanned_meanwhile_fails_the_whole_plan,
    route_runs::runs_go_out_once_and_a_stop_is_done_once,
    measures::trips_runs_and_visits_are_read_for_the_window,
    live::sessions_read_back_with_their_bag,
    live::a_bag_with_another_shops_product_writes_nothing,
    live::going_live_and_ending_happen_once,
    live::only_a_scheduled_session_is_cancelled,
    live::pins_need_a_live_session_and_a_bag_product,
    live::listings_put_live_sessions_first,
    live::followers_are_told_once,
    live_draws::a_draw_closes_once_with_its_winners_told,
    live_draws::an_interrupted_draw_draws_nobody,
    live_draws::the_host_and_shop_members_may_not_enter,
    live_draws::room_figures_are_saved_and_rewritten,
    live_draws::live_sales_count_paid_orders_of_the_session_only,
    flash_sales::a_sale_takes_its_units_from_the_sku_and_gives_back_the_unsold_once,
    flash_sales::a_sale_needs_a_live_session_and_a_variant_in_its_bag,
    flash_sales::a_batch_sells_no_more_than_the_units_or_a_buyers_limit,
    flash_sales::concurrent_batches_sell_exactly_the_units,
    flash_sales::the_same_key_is_one_purchase,
    flash_sales::purchases_outside_the_window_are_refused,
    flash_sales::unpaid_orders_return_units_to_the_sale_while_it_runs_then_to_the_sku,
    group_buys::a_group_buy_needs_the_shops_sku_with_its_units,
    group_buys::a_hundred_joins_at_once_seat_exactly_a_team_of_five,
    group_buys::a_key_is_one_seat_and_limits_hold,
    group_buys::seats_sent_together_decide_as_one_by_one,
    group_buys::an_unpaid_seat_gives_its_place_back_when_it_expires,
    group_buys::the_group_buys_units_come_back_when_seats_give_up,
    group_buys::a_team_ends_once_with_its_refunds_and_notices,
    group_buys::an_ending_read_before_a_payment_is_stale_and_a_full_team_ships,
    coupons::claims_stop_at_the_quantity_and_the_limit_and_say_why,
    coupons::withdrawn_expired_and_off_air_coupons_are_not_claimed,
    coupons::a_claim_storm_hands_out_exactly_the_quantity,
    coupons::a_claim_pays_for_one_order_and_comes_back_when_it_expires,
    coupons::a_short_checkout_gives_its_claim_back,
    coupons::concurrent_checkouts_with_one_claim_place_one,
    accounts::account_reads_back_with_sorted_roles,
    accounts::duplicate_email_is_a_conflict,
    accounts::set_roles_replaces_all_roles,
    accounts::accounts_are_found_by_role,
    accounts::set_roles_of_unknown_account_is_not_found,
    accounts::accounts_list_newest_first_with_roles,
    sessions::session_member_respects_expiry,
    sessions::expired_sessions_are_deleted,
    sessions::session_of_unknown_account_is_refused,
    tokens::active_token_excludes_revoked,
    tokens::only_the_owner_revokes_a_token,
    tokens::touch_records_last_use,
    places::upsert_replaces_and_lists_by_code,
    shops::opening_a_shop_makes_the_owner_a_producer,
    shops::shops_filter_by_county_township_and_village,
    shops::shop_listing_pages_by_name,
    shops::updating_a_missing_shop_is_not_found,
    shops::shop_in_unknown_village_writes_nothing,
    stats::payments_and_refunds_change_the_rollups_where_and_when_they_happen,
    stats::a_rebuild_equals_what_a_random_stream_of_events_wrote,
    stats::a_scope_narrows_by_place_category_and_channel_together,
    stats_live_network::a_live_session_counts_whole_in_the_period_it_went_live,
    stats_live_network::runs_going_out_and_stops_done_fill_the_network_rollup,
    history::a_history_reads_back_balances_and_rebuilds_the_rollups,
    history::a_history_batch_that_collides_writes_nothing,
    applications::application_stores_its_documents,
    applications::document_content_round_trips_exactly,
    applications::approval_opens_the_shop,
    applications::deciding_twice_is_a_conflict_and_changes_nothing,
    applications::rejection_stores_the_reason,
    applications::deciding_an_unknown_application_is_not_found,
    applications::failed_shop_insert_undoes_the_approval,
    applications::application_of_unknown_applicant_writes_nothing,
    applications::duplicate_document_writes_nothing,
    applications::applications_filter_by_status_oldest_first,
    concurrency::concurrent_decisions_have_one_winner,
    meta::meta_values_overwrite,
    meta::ping_and_health_checks_answer,
    catalogue::products_read_back_exactly,
    catalogue::a_bad_sku_writes_no_product,
    catalogue::products_list_by_shop_review_and_id,
    catalogue::status_changes_only_from_the_expected_state,
    catalogue::stock_is_set_and_never_negative,
    catalogue::photos_are_added_at_free_positions,
    product_edits::an_imported_file_is_stored_whole_or_not_at_all,
    product_edits::an_edit_rewrites_a_product_and_its_variants_but_not_their_stock,
    product_edits::an_edit_reaching_for_another_products_variant_changes_nothing,
    orders::two_hundred_buyers_for_fifty_units_buy_exactly_fifty,
    orders::the_same_key_twice_is_one_checkout,
    orders::the_same_key_sent_at_once_is_one_checkout,
    orders::a_short_line_gives_back_what_its_checkout_took,
    orders::unpaid_orders_expire_and_return_their_stock,
    orders::a_payment_is_applied_once_with_its_ledger_entry,
    orders::money_for_expired_orders_is_flagged_for_refund,
    orders::carts_add_up_cap_and_remove,
    orders::orders_ship_once_and_delivery_settles_the_escrow,
    sandbox::sandbox_payments_are_idempotent_and_settle_once,
    sandbox::sandbox_refunds_never_exceed_the_payment,
    after_sales::one_open_request_per_order_and_changes_from_the_status_read,
    after_sales::a_refund_completes_once_under_concurrent_callbacks,
    after_sales::refunds_and_deliveries_check_the_order_they_were_computed_from,
    payouts::payees_are_set_replaced_and_removed,
    payouts::a_payout_pays_what_is_owed_once_per_run,
    payouts::concurrent_payout_runs_never_pay_more_than_is_owed,
    payouts::a_shops_books_read_back_its_sales_and_payouts,
    refunds_after_payouts::payouts_and_refunds_at_once_never_overdraw_the_payable,
    refunds_after_payouts::a_refund_after_a_payout_is_a_debt_the_next_payout_clears,
    batches::batches_read_back_and_lots_are_unique_per_product,
    batches::a_step_is_recorded_once_per_subject,
    batches::gtins_belong_to_one_product,
    batches::packing_ties_order_lines_to_batches_all_or_nothing,
    recalls::a_recall_reaches_all_and_only_the_orders_holding_its_batch,
    recalls::a_batch_is_recalled_once_however_many_officers_try_at_once,
    recalls::packing_at_once_never_ties_more_than_a_batch_holds,
    recalls::recall_notices_are_sent_once_and_acknowledged_by_their_buyer,
    gs1_codes::the_last_gtin_under_a_prefix_is_the_highest_given_out,
    quality::an_inspection_is_written_whole_and_one_failure_fails_the_batch,
    quality::a_refused_inspection_writes_nothing,
    quality::certificates_and_the_trace_view_read_back,
    quality::batch_photos_are_numbered_in_order,
);
