//! Item statistics of a campaign for the question authors (issue 13.6): every scored sitting's
//! paper and answers read once, handed to the pure `domain::item_stats`. The sittings of the
//! campaign's retake campaign count with it (one attestation, one bank version).

use std::collections::{BTreeMap, BTreeSet};

use super::appeals::{key_of, question_of};
use super::{Application, Result};
use crate::domain::item_stats::{self, ItemStats, Response};
use crate::store;

impl Application {
    /// The statistics of every question answered in `campaign_id`'s scored sessions; 404 for
    /// an unknown campaign. Voided sessions are left out (p.19). The key is the bank
    /// version's: a key an appeal corrected later shows here as a wrong key would, which is
    /// what an author should see.
    pub async fn item_statistics(&self, campaign_id: &str) -> Result<Vec<ItemStats>> {
        store::campaign::get(&self.db, campaign_id).await?;
        let mut sheets = Vec::new();
        let mut options: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut papers: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (session_id, paper_id) in store::appeal::scored_sessions(&self.db, campaign_id).await? {
            let stored = store::paper::get(&self.db, &paper_id).await?;
            let bank = self.bank(&stored.bank_version).await?;
            let answers: BTreeMap<i64, BTreeSet<String>> =
                store::exam::answers(&self.db, &session_id)
                    .await?
                    .into_iter()
                    .map(|a| (a.q, a.choice.into_iter().collect()))
                    .collect();
            let mut sheet = Vec::with_capacity(stored.paper.items.len());
            for (i, item) in stored.paper.items.iter().enumerate() {
                let Some(question) = question_of(&bank, &item.question_id) else {
                    continue;
                };
                options
                    .entry(item.question_id.clone())
                    .or_insert_with(|| question.options.iter().map(|o| o.id.clone()).collect());
                let chosen = answers.get(&(i as i64 + 1)).cloned().unwrap_or_default();
                sheet.push(Response {
                    question_id: item.question_id.clone(),
                    correct: key_of(question) == chosen,
                    chosen,
                });
            }
            papers.insert(
                session_id,
                stored
                    .paper
                    .items
                    .iter()
                    .map(|i| i.question_id.clone())
                    .collect(),
            );
            sheets.push(sheet);
        }
        // The appeals filed on each question, by the question id behind each disputed number.
        let mut appeals: BTreeMap<String, usize> = BTreeMap::new();
        for appeal in store::appeal::received(&self.db, Some(campaign_id)).await? {
            let ids = match papers.get(&appeal.session_id) {
                Some(ids) => ids.clone(),
                None => {
                    // A session no longer scored (voided): its appeal still disputed the question.
                    let row = self.session(&appeal.session_id).await?;
                    let Some(paper_id) = row.paper_id else {
                        continue;
                    };
                    let stored = store::paper::get(&self.db, &paper_id).await?;
                    stored
                        .paper
                        .items
                        .iter()
                        .map(|i| i.question_id.clone())
                        .collect()
                }
            };
            for q in &appeal.questions {
                if let Some(id) = ids.get(q.number as usize - 1) {
                    *appeals.entry(id.clone()).or_default() += 1;
                }
            }
        }
        Ok(item_stats::item_statistics(&sheets, &options, &appeals))
    }
}
