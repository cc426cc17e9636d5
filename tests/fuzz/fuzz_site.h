/* fuzz_site.h: the smallest valid content folder (as tests/data/content-bad/base and
 * directory/base), as text, for the fuzz targets that need one: fuzz_content lays the
 * input over one of its files, fuzz_store builds a store from it, and
 * fuzz_tmp_put_site() writes it into a folder. make_corpus.sh follows its order. */
#ifndef SIGNPOST_FUZZ_SITE_H
#define SIGNPOST_FUZZ_SITE_H

typedef struct BaseFile {
    const char *name, *text;
} BaseFile;

/* The smallest valid site (as tests/data/content-bad/base and directory/base). */
static const BaseFile base[] = {
    {"site.ini", "[site]\nname = Fuzz Hospital\nphone = 01632 960999\nreception = Front desk\n"
                 "pals_phone = 01632 960100\n"},
    {"buildings.csv", "id,name\nmain,Main Building\n"},
    {"floors.csv", "id,building,level,name,plan_width,plan_height\n"
                   "ground,main,0,Ground floor,100,50\nfirst,main,1,First floor,,\n"},
    {"waypoints.csv", "id,floor,x,y,landmark\nentrance,ground,10,40,the front door\n"
                      "lift-g,ground,50,20,the lift\ncafe,ground,80,40,\n"
                      "lift-1,first,0,0,the lift\nward,first,0,0,\n"},
    {"paths.csv", "from,to,kind,length_m,instruction,back_instruction\n"
                  "entrance,lift-g,walk,10,Walk to the lift.,Walk to the front door.\n"
                  "lift-g,lift-1,lift,12,Take the lift up.,Take the lift down.\n"
                  "lift-1,ward,walk,10,The ward is ahead.,Walk back to the lift.\n"
                  "entrance,cafe,walk,7,\"The caf\xc3\xa9 is on your right.\",ONE-WAY\n"
                  "cafe,entrance,walk,7,Walk back to the front door.,ONE-WAY\n"},
    {"destination_types.csv", "id,label,label_cy\nfood,Food and drink,Bwyd a diod\nward,Wards,\n"},
    {"destinations.csv",
     "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords\n"
     "cafe,Caf\xc3\xa9,food,ground,cafe,Mon-Fri 08:00-18:00; Sat 09:00-12:30,Step-free.,,,"
     "Drinks.,coffee\n"
     "ward,Ward 1,ward,first,ward,Mon-Sun 11:00-20:00,,01632 960123,"
     "https://test.example.org/ward,A ward.,beds\n"},
    {"kiosks.csv", "id,name,waypoint\nentrance,Front door,entrance\n"},
    {"plans.csv", "floor,kind,x,y,w,h,label\nground,outline,0,0,100,50,Main Building\n"
                  "ground,room,60,30,40,20,Caf\xc3\xa9\n"},
    {"categories.csv", "id,label,description\ncarers,Carers,Help for carers.\n"
                       "bereavement,Bereavement,\n"},
    {"organizations.csv", "id,name,description,url,email\n"
                          "carers-centre,Carers Centre,A charity.,https://carers.example.org,"
                          "carers@example.org\n"},
    {"services.csv",
     "id,name,organization,status,description,categories,eligibility,min_age,max_age,fees,"
     "languages,url,email,phone,phone_description,phone2,phone2_description,place,address,"
     "attending,alert,assured_date\n"
     "carers-cafe,Carers' caf\xc3\xa9,carers-centre,active,A caf\xc3\xa9.,carers,,,,Free,,,,"
     "01632 960820,Advice,,,cafe,,In person,,2026-10-01\n"
     "line,Bereavement line,,active,Someone to talk to.,bereavement; carers,,18,,Free,English,"
     "https://b.example.org,help@example.org,0808 157 0150,,+44 (0)1632 960821,Office,,,"
     "By phone,,2026-09-01\n"},
    {"schedules.csv",
     "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
     "carers-cafe,MONTHLY,,-1FR,,10:00,12:00,,\n"
     "line,WEEKLY,2,WE,,14:00,15:30,2026-01-07,Term time\n"},
    {"pages/about.md", "title: About\nsummary: A page.\norder: 1\n\n# About\n\nSee "
                       "[the caf\xc3\xa9](place:cafe) and [the line](service:line).\n\n"
                       "- one\n- two\n"},
    {"synonyms.csv", "words,note\n\"loo, toilet, WC\",\n\"A&E, accident and emergency\",x\n"
                     "\"caf\xc3\xa9, coffee\",\n"},
    /* A page in Welsh beside about.md (content in several languages). */
    {"pages/about.cy.md", "title: Amdano\nsummary: Tudalen.\n\n# Amdano\n\nGweler "
                          "[y caffi](place:cafe).\n"},
};
enum { NBASE = sizeof base / sizeof base[0] };

#endif
