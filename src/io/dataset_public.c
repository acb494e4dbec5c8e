/*
 * What the public may see of a dataset: the open-data files (/data/…) are
 * built from dataset_load's full read and then cut down here, in one place,
 * so that no export format can forget a rule. Kept: every state, every
 * report's metadata (documents are downloaded one by one), the published
 * matrix versions with their entries, the assistance requests and offers (as
 * their public pages show them) and the outreach events. Left out: matrix
 * versions that are drafts, with the state or approved but not yet published
 * (an approved version is not public until the Committee publishes it), and
 * every proposal — its parties' answers, its history and their free-text notes
 * are between the parties and the experts, and its score may rest on coverage
 * of unpublished versions. A request's own status (matched, delivered) still
 * says what became of it, and its outcome after delivery is public; its
 * contact and the state's feedback to the Committee are not.
 */
#include "dataset.h"

void dataset_keep_public(dataset_t *ds)
{
    size_t k = 0;
    for (size_t i = 0; i < ds->nmatrices; i++)
        if (ds->matrices[i].v.status == MV_PUBLISHED)
            ds->matrices[k++] = ds->matrices[i];
    ds->nmatrices = k;
    ds->nproposals = 0;
    for (size_t i = 0; i < ds->nreports; i++)
        ds->reports[i].doc = NULL, ds->reports[i].doc_len = 0;
    for (size_t i = 0; i < ds->nrequests; i++)
        ds->requests[i].r.contact = "", ds->requests[i].r.feedback = "";
}
