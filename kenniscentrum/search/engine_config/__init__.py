"""Configuration for a shared search engine (Solr 8, Elasticsearch 7), generated from our analysis.

With several web machines the index cannot live on one machine's disk (Whoosh, Xapian); every
write must reach one shared engine. That engine must analyse Dutch as analysis.py does, or the
same query finds other documents there. So its configuration is generated from analysis.py,
synonyms.py and the haystack indexes, never written by hand: `common.py` exports the analysis as
data, `solr.py` and `elasticsearch.py` write it in each engine's terms, and
`python manage.py search_engine_config` writes the files.
"""
