"""The counterfactual lab: many 1943s at once, summarised as distributions."""
