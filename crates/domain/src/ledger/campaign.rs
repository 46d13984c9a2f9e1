//! A campaign's discount in the books: the buyer paid the campaign price, so escrow holds
//! less; on delivery the platform pays the producer its declared share of the discount (an
//! expense), and a refund after delivery takes that back in proportion.

use super::{Entry, LedgerAccount, LedgerError};
use crate::id::ShopId;
use crate::money::Money;

impl Entry {
    /// The entry with the platform's share of a campaign discount booked to `shop`'s producer
    /// (`reversed`: taken back from them), in the same entry as the sale or refund it belongs
    /// to.
    pub fn with_campaign_subsidy(
        self,
        shop: &ShopId,
        amount: Money,
        reversed: bool,
    ) -> Result<Entry, LedgerError> {
        self.with_expense(
            LedgerAccount::CampaignSubsidy,
            LedgerAccount::ProducerPayable(shop.clone()),
            amount,
            reversed,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::tests::{fen, shop, sum_all};
    use crate::ledger::{balances, payment_captured, sale_settled};

    #[test]
    fn the_platforms_share_reaches_the_producer_on_delivery_and_goes_back_on_refund() {
        // ¥100 goods sold at ¥80 in a campaign; the platform bears 40% of the ¥20.
        let paid = payment_captured(fen(8_000), &[(shop(1), fen(8_000))]).unwrap();
        let settle = |reversed| {
            sale_settled(&shop(1), fen(8_000), fen(400))
                .unwrap()
                .with_campaign_subsidy(&shop(1), fen(800), reversed)
                .unwrap()
        };
        let b = balances([&paid, &settle(false)]).unwrap();
        let payable = LedgerAccount::ProducerPayable(shop(1));
        assert_eq!(payable.normal_balance(b[&payable]), fen(8_400));
        assert_eq!(b[&LedgerAccount::CampaignSubsidy], fen(800));
        assert_eq!(sum_all(&b), 0);
        let reversed = balances([&settle(false), &settle(true)]).unwrap();
        assert_eq!(reversed[&LedgerAccount::CampaignSubsidy], fen(0));
        assert_eq!(sum_all(&reversed), 0);
    }

    #[test]
    fn a_negative_share_is_refused() {
        let settled = sale_settled(&shop(1), fen(8_000), fen(400)).unwrap();
        assert!(settled
            .with_campaign_subsidy(&shop(1), fen(-1), false)
            .is_err());
    }
}
