/* fuzz_plansvg.c: fuzz target for floor plan drawings (app/plansvg): the bytes are an
 * SVG file as a volunteer might put in content/plans/, handed to plansvg_render() (our
 * checks for outside references, size and viewBox, then librsvg and cairo to a PNG).
 * Any crash, leak or undefined behaviour is a bug; a refusal is the expected outcome
 * for most inputs. */
#include "fuzz.h"

#include "plansvg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PlanPicture p;
    if (plansvg_render(data, size, &p) == 0)
        plansvg_release(&p);
    return 0;
}
