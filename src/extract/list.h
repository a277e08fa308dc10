/*
 * list.h - appending to the record's growable lists.
 * PUSH(l, questions) grows l->questions and returns the new, zeroed slot.
 */
#ifndef RAPPORTEUR_LIST_H
#define RAPPORTEUR_LIST_H

#include <stddef.h>

void *list_push(void **array, size_t *count, size_t *cap, size_t size);

#define PUSH(owner, name) \
	list_push((void **)&(owner)->name, &(owner)->name##_count, &(owner)->name##_cap, sizeof(*(owner)->name))

#endif
