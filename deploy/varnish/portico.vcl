# Varnish in front of Portico nodes: keeps the responses Portico marks `public`, labelled with
# the surrogate keys of its `xkey` header, and drops them when a node sends
# `PURGE` with `xkey-purge: <keys>` (portico serve --purge-url http://varnish:6081/).
#
# Needs varnish-modules (xkey). The backends and the `nodes` director live in
# portico-backends.vcl, found through vcl_path (varnishd -p vcl_path=DIR:…), so that this file
# stays the same in every deployment; scripts/cluster and crates/portico/tests/varnish.rs
# write one for their nodes, like portico-backends.example.vcl next to this file.
vcl 4.1;

import directors;
import xkey;

include "portico-backends.vcl";

# Who may purge: the Portico nodes. Add their addresses in a deployment.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in xkey-purge"));
        }
        # A hard purge: a soft one would let grace serve the old page once more.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    # The back office, probes and metrics are never kept (Portico marks them private anyway).
    if (req.url ~ "^/(admin|metrics|healthz|livez|readyz)([/?]|$)") {
        return (pass);
    }

    # Portico varies on no cookie but its session's: any other (analytics, consent) would only
    # stop caching. A signed-in editor's requests go to the nodes as they are.
    if (req.http.Cookie && req.http.Cookie !~ "(^|;\s*)(__Host-)?portico_session=") {
        unset req.http.Cookie;
    }
    # Otherwise the built-in vcl_recv: only GET and HEAD are looked up, and requests with a
    # Cookie or Authorization header pass.
}

sub vcl_backend_response {
    # Keep only what Portico marked public for shared caches; its s-maxage is the TTL and its
    # stale-while-revalidate the grace. Purges make a longer TTL safe for the labelled pages,
    # but a few changes reach no change log (a release newly related to an old one), so the
    # origin's lifetimes are kept.
    if (beresp.http.Cache-Control !~ "(^|,)\s*public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    # For tests and operators: whether the answer came from the cache, and how often it did.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
    # The keys are for this cache only.
    unset resp.http.xkey;
}
