#!/bin/sh
# hello: the lesson's app. It says which container it runs in, which version
# it is, and when the image's RUN step ran.
VERSION="v0.2"
echo "Hello from container $(hostname)! This is hello ${VERSION}."
echo "The RUN step of this image ran on $(cat /app/built-at)."
