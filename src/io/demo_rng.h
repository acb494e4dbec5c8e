/*
 * The demo's random streams (demo.c, demo_assistance.c, demo_event.c,
 * demo_proposals.c): SplitMix64 seeded with an FNV-1a hash of a key, so each
 * part of the demo draws from its own stream and the data set is the same on
 * every run whatever order things are generated in. Inline, so that the
 * compiler still sees the range of demo_rng_int where its result is printed
 * into a fixed field.
 */
#ifndef R1540_IO_DEMO_RNG_H
#define R1540_IO_DEMO_RNG_H

typedef struct {
    unsigned long long s; /* the SplitMix64 state */
} demo_rng_t;

/* The stream for key (FNV-1a) and salt: the same pair, the same numbers. */
static inline demo_rng_t demo_rng_for(const char *key, unsigned long long salt)
{
    unsigned long long h = 1469598103934665603ULL ^ salt;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (demo_rng_t){h};
}

/* The next 64 bits of the stream. */
static inline unsigned long long demo_rng_next(demo_rng_t *r)
{
    unsigned long long z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A number from lo to hi, both included, by remainder (the demo's data was
 * drawn this way: another way would change the demo). */
static inline int demo_rng_int(demo_rng_t *r, int lo, int hi)
{
    return lo + (int)(demo_rng_next(r) % (unsigned long long)(hi - lo + 1));
}

#endif
