/* ctl_publish.h: signpostctl's publishing commands, kept apart from the command table in
 * signpostctl.c: content publish, content rollback, content sign and keys new-signing.
 * Each takes the command's words and argument synopsis (for its usage messages) and
 * the arguments after the words, and returns signpostctl's exit status: 0 done, 1 the
 * work was refused or failed (a message names the file and the cause), 2 the command
 * line was wrong. */
#ifndef SIGNPOST_CTL_PUBLISH_H
#define SIGNPOST_CTL_PUBLISH_H

int ctl_content_publish(const char *words, const char *args, int argc, char **argv);
int ctl_content_rollback(const char *words, const char *args, int argc, char **argv);
int ctl_content_sign(const char *words, const char *args, int argc, char **argv);
int ctl_keys_new_signing(const char *words, const char *args, int argc, char **argv);

#endif
