"""Cross-source comparison: claims lined up across articles, numbers on timelines, contradictions.

Everything here works on records already in the store (claims, quantities, attributions, stories), so it
runs as a corpus stage after the per-article stages and the stories stage.
"""
