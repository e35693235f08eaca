/* docker-tutor stand-in for hello-world's /hello: prints the real image's greeting and exits 0.
 * scripts/docker-sandbox.sh fills in @ARCH@ and compiles this statically (musl-gcc). */
#include <unistd.h>

static const char message[] =
    "\n"
    "Hello from Docker!\n"
    "This message shows that your installation appears to be working correctly.\n"
    "\n"
    "To generate this message, Docker took the following steps:\n"
    " 1. The Docker client contacted the Docker daemon.\n"
    " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n"
    "    (@ARCH@)\n"
    " 3. The Docker daemon created a new container from that image which runs the\n"
    "    executable that produces the output you are currently reading.\n"
    " 4. The Docker daemon streamed that output to the Docker client, which sent it\n"
    "    to your terminal.\n"
    "\n"
    "To try something more ambitious, you can run an Ubuntu container with:\n"
    " $ docker run -it ubuntu bash\n"
    "\n"
    "Share images, automate workflows, and more with a free Docker ID:\n"
    " https://hub.docker.com/\n"
    "\n"
    "For more examples and ideas, visit:\n"
    " https://docs.docker.com/get-started/\n"
    "\n";

int main(void) {
    const char *p = message;
    size_t left = sizeof message - 1;
    while (left > 0) {
        ssize_t n = write(STDOUT_FILENO, p, left);
        if (n <= 0) return 1;
        p += n;
        left -= (size_t)n;
    }
    return 0;
}
