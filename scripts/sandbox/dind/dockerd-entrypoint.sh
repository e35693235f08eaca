#!/bin/sh
# The stand-in docker:dind's entrypoint, following the official image's convention: with no
# arguments, or only flags, it starts dockerd on the unix socket and on TCP; when
# DOCKER_TLS_CERTDIR is set (the image's default, /certs), with TLS on port 2376 and client
# certificates required, after making a CA, a server certificate and a client certificate there
# (client/ is what a client copies out: ca.pem, cert.pem, key.pem). Otherwise plain TCP on 2375.
set -eu

# Every name and address the server answers to: its addresses, its hostname, docker, localhost.
tls_san() {
    {
        echo IP:127.0.0.1
        for ip in $(hostname -I 2>/dev/null); do echo "IP:$ip"; done
        printf 'DNS:%s\n' "$(hostname)" docker localhost
        [ -z "${DOCKER_TLS_SAN:-}" ] || echo "$DOCKER_TLS_SAN"
    } | sort -u | paste -sd, -
}

# out CN usage [extra line]: a key and a certificate signed by the CA in $out/../ca
# (sh has no local variables: these names are tls_sign's own)
tls_sign() {
    sign_out=$1
    sign_ca=$(dirname "$1")/ca
    openssl genrsa -out "$sign_out/key.pem" 2048 2>/dev/null
    openssl req -new -key "$sign_out/key.pem" -out "$sign_out/csr.pem" -subj "/CN=$2"
    printf '[ x509_exts ]\nextendedKeyUsage = %s\n%s\n' "$3" "${4:-}" >"$sign_out/openssl.cnf"
    openssl x509 -req -in "$sign_out/csr.pem" -CA "$sign_ca/cert.pem" -CAkey "$sign_ca/key.pem" -CAcreateserial \
        -out "$sign_out/cert.pem" -days 825 -extfile "$sign_out/openssl.cnf" -extensions x509_exts 2>/dev/null
    rm -f "$sign_out/csr.pem" "$sign_out/openssl.cnf"
    cp "$sign_ca/cert.pem" "$sign_out/ca.pem"
}

tls_generate_certs() {
    dir=$1 # global, as sh has it; only tls_generate_certs uses this name
    # Made once: a restarted node keeps its certificates, as the official image does.
    if [ -s "$dir/server/ca.pem" ] && [ -s "$dir/client/ca.pem" ]; then return; fi
    mkdir -p "$dir/ca" "$dir/server" "$dir/client"
    chmod 0700 "$dir/ca"
    openssl genrsa -out "$dir/ca/key.pem" 2048 2>/dev/null
    openssl req -new -x509 -key "$dir/ca/key.pem" -out "$dir/ca/cert.pem" -days 825 -subj '/CN=docker:dind CA'
    tls_sign "$dir/server" 'docker:dind server' serverAuth "subjectAltName = $(tls_san)"
    # the client's ca.pem comes last (tls_sign copies it last): a client waits for it
    tls_sign "$dir/client" 'docker:dind client' clientAuth
    chmod 0644 "$dir/client/key.pem"
}

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    if [ -n "${DOCKER_TLS_CERTDIR:-}" ]; then
        tls_generate_certs "$DOCKER_TLS_CERTDIR"
        set -- dockerd \
            --host=unix:///var/run/docker.sock \
            --host=tcp://0.0.0.0:2376 \
            --tlsverify \
            --tlscacert "$DOCKER_TLS_CERTDIR/server/ca.pem" \
            --tlscert "$DOCKER_TLS_CERTDIR/server/cert.pem" \
            --tlskey "$DOCKER_TLS_CERTDIR/server/key.pem" \
            "$@"
    else
        set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 --tls=false "$@"
    fi
fi
exec "$@"
