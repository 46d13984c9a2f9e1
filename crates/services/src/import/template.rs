//! The import template: every column's header and one example row, as CSV with a byte-order
//! mark so that Excel opens the Chinese text correctly.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::ShopId;

use super::columns::Column;
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// The template for a shop the actor manages; its example product comes from the shop's
    /// own village.
    pub async fn import_template(
        &self,
        actor: &Actor,
        shop: &ShopId,
        chinese: bool,
    ) -> ServiceResult<Vec<u8>> {
        authorize(actor, &Action::ManageShop(shop))?;
        let shop = self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        let village = self
            .store
            .place(&shop.village)
            .await?
            .map(|place| {
                if chinese {
                    place.name_zh
                } else {
                    place.name_en
                }
            })
            .unwrap_or_else(|| shop.village.to_string());
        let header = Column::ALL.map(|c| {
            if chinese {
                c.header_zh()
            } else {
                c.header_en()
            }
        });
        let example = Column::ALL.map(|column| example(column, chinese, &village));
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        writer
            .write_record(header)
            .and_then(|()| writer.write_record(&example))
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        writer
            .into_inner()
            .map_err(|e| ServiceError::Internal(e.to_string()))
    }
}

fn example(column: Column, chinese: bool, village: &str) -> String {
    let text = match column {
        Column::Title => "柴达木黑枸杞 特级",
        Column::TitleEn => "Qaidam black goji, special grade",
        Column::Category => {
            if chinese {
                "果品"
            } else {
                "fruit"
            }
        }
        Column::Grade => {
            if chinese {
                "特级"
            } else {
                "special"
            }
        }
        Column::Origin => village,
        Column::Description => "海拔三千米，自然晾晒。",
        Column::Months => "8-10",
        Column::ShipsFrom => "",
        Column::Variant => "250g 袋装",
        Column::Unit => "g",
        Column::NetWeight => "250",
        Column::ShippingWeight => "300",
        Column::Price => "68.00",
        Column::Stock => "100",
        Column::ProductKey => "GQ-001",
    };
    text.to_owned()
}
