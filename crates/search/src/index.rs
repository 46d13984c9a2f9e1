//! The search index handle the catalogue holds: one writer behind a lock, one reader reloaded
//! on every commit, so a committed change is searchable as soon as `commit` returns.

use std::path::Path;
use std::sync::{Arc, RwLock};

use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::analysis::{Analyzer, FarmgateTokenizer, Terms, PINYIN_TOKENIZER, WORDS_TOKENIZER};
use crate::collect;
use crate::error::SearchError;
use crate::features::Features;
use crate::model::{ProductDoc, SearchPage, SearchQuery, Sort};
use crate::query::{self, Plan};
use crate::schema::{self, Fields};

/// tantivy refuses less than this per indexing thread.
const MIN_HEAP_PER_THREAD: usize = 15_000_000;

/// How much the writer may buffer before it writes a segment, and with how many threads.
#[derive(Debug, Clone, Copy)]
pub struct IndexOptions {
    /// Total indexing buffer; more means fewer, larger segments when bulk indexing.
    pub writer_heap_bytes: usize,
    pub writer_threads: usize,
}

impl Default for IndexOptions {
    /// 128 MB over up to two threads: enough for a county's catalogue and a full reindex,
    /// small beside the server's other needs.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        IndexOptions {
            writer_heap_bytes: 128_000_000,
            writer_threads: cores.clamp(1, 2),
        }
    }
}

/// The product search index. `Send + Sync`: share one per process (e.g. in an `Arc`);
/// searches run concurrently, writes are serialised by the index itself.
pub struct SearchIndex {
    reader: IndexReader,
    /// Read-locked to add and delete (tantivy's writer takes `&self` for those), write-locked
    /// to commit, so a commit sees a consistent batch.
    writer: RwLock<IndexWriter>,
    fields: Fields,
    analyzer: Arc<Analyzer>,
}

impl SearchIndex {
    /// Opens the index under `dir`, creating it if missing. The files live in a subfolder named
    /// after the schema version: after an upgrade that changes the analysis the index opens
    /// empty, and [`num_docs`](Self::num_docs) of 0 tells the caller to rebuild it. Only one
    /// process may open a folder at a time.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        Self::open_with(dir, IndexOptions::default())
    }

    pub fn open_with(dir: &Path, options: IndexOptions) -> Result<Self, SearchError> {
        let path = dir.join(schema::SCHEMA_VERSION);
        std::fs::create_dir_all(&path).map_err(|source| SearchError::Folder {
            path: path.clone(),
            source,
        })?;
        let directory = MmapDirectory::open(&path).map_err(|error| SearchError::Directory {
            path: path.clone(),
            message: error.to_string(),
        })?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .open_or_create(directory)?;
        Self::from_index(index, fields, options, Features::ALL)
    }

    /// An index in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<Self, SearchError> {
        Self::in_memory_with(Features::ALL)
    }

    pub(crate) fn in_memory_with(features: Features) -> Result<Self, SearchError> {
        let (schema, fields) = schema::build();
        let options = IndexOptions {
            writer_heap_bytes: MIN_HEAP_PER_THREAD,
            writer_threads: 1,
        };
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()?;
        Self::from_index(index, fields, options, features)
    }

    fn from_index(
        index: Index,
        fields: Fields,
        options: IndexOptions,
        features: Features,
    ) -> Result<Self, SearchError> {
        let analyzer = Arc::new(Analyzer::new(features));
        let tokenizers = index.tokenizers();
        tokenizers.register(
            WORDS_TOKENIZER,
            FarmgateTokenizer::new(analyzer.clone(), Terms::Words),
        );
        tokenizers.register(
            PINYIN_TOKENIZER,
            FarmgateTokenizer::new(analyzer.clone(), Terms::Pinyin),
        );
        let threads = options.writer_threads.clamp(1, 8);
        let heap = options.writer_heap_bytes.max(threads * MIN_HEAP_PER_THREAD);
        let writer = index.writer_with_num_threads(threads, heap)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            writer: RwLock::new(writer),
            fields,
            analyzer,
        })
    }

    /// Adds the products, replacing any already indexed under the same id. Visible after
    /// [`commit`](Self::commit). Analysis runs on the index's writer threads.
    pub fn upsert(&self, docs: &[ProductDoc]) -> Result<(), SearchError> {
        if docs.iter().any(|doc| doc.id.is_empty()) {
            return Err(SearchError::MissingId);
        }
        let mut operations = Vec::with_capacity(docs.len() * 2);
        for doc in docs {
            operations.push(UserOperation::Delete(self.id_term(&doc.id)));
            operations.push(UserOperation::Add(schema::document(&self.fields, doc)));
        }
        let writer = self.writer.read().map_err(|_| SearchError::Poisoned)?;
        writer.run(operations)?;
        Ok(())
    }

    /// Removes a product; visible after [`commit`](Self::commit).
    pub fn remove(&self, id: &str) -> Result<(), SearchError> {
        let writer = self.writer.read().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(self.id_term(id));
        Ok(())
    }

    /// Removes every product, for a rebuild. Searches keep seeing the old contents until the
    /// next [`commit`](Self::commit), so `clear`, `upsert` everything, then `commit` swaps the
    /// catalogue at once.
    pub fn clear(&self) -> Result<(), SearchError> {
        let writer = self.writer.read().map_err(|_| SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes every change so far durable and searchable; when it returns, searches see them.
    pub fn commit(&self) -> Result<(), SearchError> {
        let mut writer = self.writer.write().map_err(|_| SearchError::Poisoned)?;
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Products searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search. Any text is accepted; it is analysed, never parsed as query syntax.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchPage, SearchError> {
        let searcher = self.reader.searcher();
        let page = |q: &dyn tantivy::query::Query, sort: Sort, prunable: bool| {
            collect::page(&searcher, q, sort, prunable, query.limit, query.offset)
        };
        match query::plan(&self.fields, &self.analyzer, &searcher, query)? {
            Plan::Nothing => Ok(SearchPage::default()),
            Plan::Browse(browse) => {
                let sort = match query.sort {
                    Sort::Relevance => Sort::Sales,
                    sort => sort,
                };
                page(browse.as_ref(), sort, false)
            }
            Plan::Text {
                strict,
                relaxed,
                prunable,
            } => {
                let found = page(strict.as_ref(), query.sort, prunable)?;
                match relaxed {
                    Some(relaxed) if found.total == 0 => page(relaxed.as_ref(), query.sort, false),
                    _ => Ok(found),
                }
            }
        }
    }

    /// The cheapest useful search, for benchmarks to measure [`search`](Self::search) against
    /// in the same run: one category term, counted, the first `limit` ids fetched, nothing
    /// analysed. Ratios to it hold across machines where absolute times do not.
    pub fn baseline_search(&self, category: &str, limit: usize) -> Result<SearchPage, SearchError> {
        let term = Term::from_field_text(self.fields.category, category);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let searcher = self.reader.searcher();
        collect::page(&searcher, &query, Sort::Relevance, true, limit, 0)
    }

    /// Segments searched now; after a bulk load, fewer means faster searches.
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.fields.id, id)
    }
}
