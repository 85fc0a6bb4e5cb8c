# The Portico nodes behind deploy/varnish/portico.vcl, copied as portico-backends.vcl into a
# folder of varnishd's vcl_path. Round robin: every node serves every page.
backend node1 {
    .host = "10.0.0.11";
    .port = "8080";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}
backend node2 {
    .host = "10.0.0.12";
    .port = "8080";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node1);
    nodes.add_backend(node2);
}
