"""OParl 1.1 at `{site}/@oparl`: the commune's public council data for any OParl client."""
