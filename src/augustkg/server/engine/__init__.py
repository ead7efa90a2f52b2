"""The SPARQL engine behind the server, apart from the web app: the Oxigraph process and its client.

`process` starts `oxigraph serve-read-only` on a private loopback port and replaces it when a
query overruns the time limit; `client` is the keep-alive HTTP/1.1 connection pool to it;
`request` builds the engine's requests in one piece.
"""
