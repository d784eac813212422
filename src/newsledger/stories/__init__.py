"""Stories: articles about one evolving real-world happening, across outlets and years, clustered
incrementally (features, similarity, clustering, embeddings); the corpus stage is
``newsledger.corpus.stories``."""
