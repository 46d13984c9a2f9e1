use farmgate_domain::application::{ApplicationStatus, DocumentKind};
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId};
use farmgate_domain::role::Role;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Accounts, Applications, Page, ShopFilter, Shops, StoreError};

use crate::fixtures::{
    add_account, add_places, application, approval, document, new_id, pending_application,
    rejection, shop, T0, VILLAGE_A1,
};

pub async fn application_stores_its_documents(store: SqlStore) {
    add_places(&store).await;
    let applicant = add_account(&store, "zhuoma@example.cn").await;
    let record = application(&applicant.id, T0);
    let id_card = document(
        &record.id,
        DocumentKind::IdentityCard,
        b"%PDF-1 id".to_vec(),
    );
    let mut licence = document(
        &record.id,
        DocumentKind::BusinessLicence,
        b"%PDF-1 lic".to_vec(),
    );
    licence.record.created_at = T0.plus_millis(1);
    store
        .insert_application(&record, &[id_card.clone(), licence.clone()])
        .await
        .unwrap();

    assert_eq!(
        store.application(&record.id).await.unwrap(),
        Some(record.clone())
    );
    assert_eq!(
        store.applications_of(&applicant.id).await.unwrap(),
        vec![record.clone()]
    );
    assert_eq!(
        store.documents_of(&record.id).await.unwrap(),
        vec![id_card.record, licence.record]
    );
    assert!(store
        .documents_of(&ApplicationId::new(new_id()))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .application(&ApplicationId::new(new_id()))
            .await
            .unwrap(),
        None
    );
}

pub async fn document_content_round_trips_exactly(store: SqlStore) {
    add_places(&store).await;
    let applicant = add_account(&store, "zhuoma@example.cn").await;
    let record = application(&applicant.id, T0);
    // Every byte value, embedded NULs and invalid UTF-8 included, and a large-ish body.
    let mut content: Vec<u8> = (0..=255u8).collect();
    content.extend(std::iter::repeat_n([0u8, 0xFF, 0xC3, 0x28], 64 * 1024).flatten());
    let doc = document(&record.id, DocumentKind::Other, content.clone());
    store
        .insert_application(&record, std::slice::from_ref(&doc))
        .await
        .unwrap();

    let (stored, bytes) = store
        .document_content(&doc.record.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, doc.record);
    assert_eq!(bytes.len(), content.len());
    assert!(bytes == content, "content differs");
    assert_eq!(
        store
            .document_content(&DocumentId::new(new_id()))
            .await
            .unwrap(),
        None
    );
}

pub async fn approval_opens_the_shop(store: SqlStore) {
    let fx = pending_application(&store).await;
    let new_shop = shop("卓玛家庭农场", VILLAGE_A1);
    let decision = approval(&fx.application.id, &fx.reviewer.id);
    store
        .decide_application(&decision, Some(&new_shop))
        .await
        .unwrap();

    let decided = store
        .application(&fx.application.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(decided.status, ApplicationStatus::Approved);
    assert_eq!(decided.reviewed_by, Some(fx.reviewer.id.clone()));
    assert_eq!(decided.decided_at, Some(decision.at));
    assert_eq!(decided.reason, None);
    assert_eq!(
        store.shops_of(&fx.applicant.id).await.unwrap(),
        vec![new_shop]
    );
    let roles = store
        .account(&fx.applicant.id)
        .await
        .unwrap()
        .unwrap()
        .roles;
    assert_eq!(roles, vec![Role::Buyer, Role::Producer]);
}

pub async fn deciding_twice_is_a_conflict_and_changes_nothing(store: SqlStore) {
    let fx = pending_application(&store).await;
    let first = rejection(
        &fx.application.id,
        &fx.reviewer.id,
        "licence photo unreadable",
    );
    store.decide_application(&first, None).await.unwrap();
    let after_first = store.application(&fx.application.id).await.unwrap();

    let mut second = approval(&fx.application.id, &fx.reviewer.id);
    second.at = T0.plus_days(5);
    let err = store
        .decide_application(&second, Some(&shop("Late shop", VILLAGE_A1)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(
        store.application(&fx.application.id).await.unwrap(),
        after_first
    );
    assert_eq!(store.count_shops(&ShopFilter::default()).await.unwrap(), 0);
    let roles = store
        .account(&fx.applicant.id)
        .await
        .unwrap()
        .unwrap()
        .roles;
    assert_eq!(roles, vec![Role::Buyer]);
}

pub async fn rejection_stores_the_reason(store: SqlStore) {
    let fx = pending_application(&store).await;
    let decision = rejection(&fx.application.id, &fx.reviewer.id, "营业执照照片不清晰");
    store.decide_application(&decision, None).await.unwrap();
    let decided = store
        .application(&fx.application.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(decided.status, ApplicationStatus::Rejected);
    assert_eq!(decided.reason.as_deref(), Some("营业执照照片不清晰"));
    assert_eq!(decided.decided_at, Some(decision.at));
    assert_eq!(store.count_shops(&ShopFilter::default()).await.unwrap(), 0);
}

pub async fn deciding_an_unknown_application_is_not_found(store: SqlStore) {
    let fx = pending_application(&store).await;
    let decision = rejection(
        &ApplicationId::new(new_id()),
        &fx.reviewer.id,
        "no such thing",
    );
    let err = store.decide_application(&decision, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

pub async fn failed_shop_insert_undoes_the_approval(store: SqlStore) {
    let fx = pending_application(&store).await;
    let taken = shop("Existing", VILLAGE_A1);
    store
        .insert_shop_with_owner(&taken, &fx.reviewer.id)
        .await
        .unwrap();

    // The approval's shop reuses an existing shop id: the shop insert fails after the status
    // update, and the whole decision must roll back.
    let mut clash = shop("卓玛家庭农场", VILLAGE_A1);
    clash.id = taken.id.clone();
    let decision = approval(&fx.application.id, &fx.reviewer.id);
    let err = store
        .decide_application(&decision, Some(&clash))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(
        store.application(&fx.application.id).await.unwrap(),
        Some(fx.application.clone())
    );
    assert!(store.shops_of(&fx.applicant.id).await.unwrap().is_empty());

    // And the application can still be decided properly afterwards.
    store
        .decide_application(&decision, Some(&shop("卓玛家庭农场", VILLAGE_A1)))
        .await
        .unwrap();
}

pub async fn application_of_unknown_applicant_writes_nothing(store: SqlStore) {
    add_places(&store).await;
    let ghost = AccountId::new(new_id());
    let record = application(&ghost, T0);
    let doc = document(&record.id, DocumentKind::IdentityCard, b"%PDF-1".to_vec());
    let err = store
        .insert_application(&record, std::slice::from_ref(&doc))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.application(&record.id).await.unwrap(), None);
    assert_eq!(store.document_content(&doc.record.id).await.unwrap(), None);
}

pub async fn duplicate_document_writes_nothing(store: SqlStore) {
    add_places(&store).await;
    let applicant = add_account(&store, "zhuoma@example.cn").await;
    let record = application(&applicant.id, T0);
    let first = document(&record.id, DocumentKind::IdentityCard, b"%PDF-1 a".to_vec());
    let mut second = document(
        &record.id,
        DocumentKind::BusinessLicence,
        b"%PDF-1 b".to_vec(),
    );
    second.record.id = first.record.id.clone();
    let err = store
        .insert_application(&record, &[first.clone(), second])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.application(&record.id).await.unwrap(), None);
    assert_eq!(
        store.document_content(&first.record.id).await.unwrap(),
        None
    );
    assert!(store
        .applications_of(&applicant.id)
        .await
        .unwrap()
        .is_empty());
}

pub async fn applications_filter_by_status_oldest_first(store: SqlStore) {
    add_places(&store).await;
    let applicant = add_account(&store, "zhuoma@example.cn").await;
    let reviewer = add_account(&store, "hub@example.cn").await;
    let mut ids = Vec::new();
    for i in [3, 1, 2, 0] {
        let record = application(&applicant.id, T0.plus_millis(i));
        store.insert_application(&record, &[]).await.unwrap();
        ids.push((i, record.id));
    }
    ids.sort();
    let ids: Vec<ApplicationId> = ids.into_iter().map(|(_, id)| id).collect();
    store
        .decide_application(&rejection(&ids[1], &reviewer.id, "duplicate"), None)
        .await
        .unwrap();

    let listed = |status| {
        let store = store.clone();
        async move {
            store
                .applications(status, Page::first(10))
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed(None).await, ids);
    assert_eq!(
        listed(Some(ApplicationStatus::Pending)).await,
        [ids[0].clone(), ids[2].clone(), ids[3].clone()]
    );
    assert_eq!(
        listed(Some(ApplicationStatus::Rejected)).await,
        [ids[1].clone()]
    );
    assert!(listed(Some(ApplicationStatus::Approved)).await.is_empty());
    let page = store
        .applications(
            None,
            Page {
                limit: 2,
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].id, ids[1]);
}
