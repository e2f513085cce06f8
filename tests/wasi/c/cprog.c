/* A C guest built with clang --target=wasm32-wasi against wasi-libc:
 * arguments, environment, stdio, files under a preopen, a directory
 * listing, time, and an exit status. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("argc=%d", argc);
    for (int i = 1; i < argc; i++) printf(" %s", argv[i]);
    printf("\n");
    const char *v = getenv("GREETING");
    printf("GREETING=%s\n", v ? v : "(unset)");

    const char *dir = argc > 1 ? argv[1] : ".";
    char path[256];
    snprintf(path, sizeof path, "%s/c.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen w"); return 10; }
    fprintf(f, "written by C\n");
    fclose(f);
    f = fopen(path, "r");
    char line[64] = {0};
    if (!f || !fgets(line, sizeof line, f)) { perror("fopen r"); return 11; }
    fclose(f);
    printf("read back: %s", line);

    struct stat st;
    if (stat(path, &st) != 0) { perror("stat"); return 12; }
    printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    int count = 0;
    DIR *d = opendir(dir);
    if (!d) { perror("opendir"); return 13; }
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, "c.txt") == 0) count++;
    closedir(d);
    printf("listed c.txt: %d\n", count);

    if (unlink(path) != 0) { perror("unlink"); return 14; }
    errno = 0;
    int fd = open("/etc/passwd", O_RDONLY);
    printf("outside: fd=%d %s\n", fd, fd < 0 ? "refused" : "OPENED");

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("time ok: %d\n", ts.tv_sec > 1600000000);
    fprintf(stderr, "C stderr\n");
    return 3;
}
