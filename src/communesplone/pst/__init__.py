"""The PST (Programme stratégique transversal): the commune's plan, from objectives to actions."""
