/// The OpenAPI 3.1 document of every route, served at `GET /openapi.json`. The same bytes are kept in
/// `docs/openapi.json` for tools; a test holds the two equal and checks the service against the document.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "recommend",
    "version": "1",
    "description": "Related articles and topics of a news index, and the editors' console."
  },
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "The process answers.",
        "responses": {
          "200": {
            "description": "Alive.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "status": {
                      "const": "ok"
                    }
                  },
                  "required": [
                    "status"
                  ]
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "operationId": "readiness",
        "summary": "An index is loaded.",
        "responses": {
          "200": {
            "description": "Ready.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Readiness"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics.",
        "responses": {
          "200": {
            "description": "Metrics in the Prometheus text format.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openAPI",
        "summary": "This document.",
        "responses": {
          "200": {
            "description": "The OpenAPI document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/v1/articles/{id}/related": {
      "get": {
        "operationId": "relatedToArticle",
        "summary": "The related list of an indexed article under the controls and the editorial overrides.",
        "parameters": [
          {
            "$ref": "#/components/parameters/articleID"
          },
          {
            "$ref": "#/components/parameters/control_k"
          },
          {
            "$ref": "#/components/parameters/control_half_life"
          },
          {
            "$ref": "#/components/parameters/control_older_only"
          },
          {
            "$ref": "#/components/parameters/control_within_days"
          },
          {
            "$ref": "#/components/parameters/control_category"
          },
          {
            "$ref": "#/components/parameters/control_exclude"
          },
          {
            "$ref": "#/components/parameters/control_from"
          },
          {
            "$ref": "#/components/parameters/control_to"
          },
          {
            "$ref": "#/components/parameters/control_mmr"
          },
          {
            "$ref": "#/components/parameters/control_explain"
          },
          {
            "$ref": "#/components/parameters/control_collapse"
          },
          {
            "$ref": "#/components/parameters/control_fallback"
          }
        ],
        "responses": {
          "200": {
            "description": "The list, best first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RelatedResponse"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Index-Generation": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "Not modified: If-None-Match named the current entity tag."
          },
          "400": {
            "description": "A control has a value it cannot take.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such article.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/articles/{id}/related.html": {
      "get": {
        "operationId": "readersBlock",
        "summary": "The same list as the reader's Related articles block, an HTML fragment.",
        "parameters": [
          {
            "$ref": "#/components/parameters/articleID"
          },
          {
            "$ref": "#/components/parameters/control_k"
          },
          {
            "$ref": "#/components/parameters/control_half_life"
          },
          {
            "$ref": "#/components/parameters/control_older_only"
          },
          {
            "$ref": "#/components/parameters/control_within_days"
          },
          {
            "$ref": "#/components/parameters/control_category"
          },
          {
            "$ref": "#/components/parameters/control_exclude"
          },
          {
            "$ref": "#/components/parameters/control_from"
          },
          {
            "$ref": "#/components/parameters/control_to"
          },
          {
            "$ref": "#/components/parameters/control_mmr"
          },
          {
            "$ref": "#/components/parameters/control_explain"
          },
          {
            "$ref": "#/components/parameters/control_collapse"
          },
          {
            "$ref": "#/components/parameters/control_fallback"
          }
        ],
        "responses": {
          "200": {
            "description": "The block.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Index-Generation": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "Not modified: If-None-Match named the current entity tag."
          },
          "400": {
            "description": "A control has a value it cannot take.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such article.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/articles/{id}": {
      "get": {
        "operationId": "article",
        "summary": "An article's summary.",
        "parameters": [
          {
            "$ref": "#/components/parameters/articleID"
          }
        ],
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArticleSummary"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Index-Generation": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "Not modified: If-None-Match named the current entity tag."
          },
          "400": {
            "description": "The id is not valid percent-encoded UTF-8.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such article.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/related": {
      "post": {
        "operationId": "relatedToText",
        "summary": "Related articles for a text that is not in the index.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TextQuery"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The list, best first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RelatedResponse"
                }
              }
            }
          },
          "400": {
            "description": "The body is not the expected JSON, or the text is empty.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is too large.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/topics": {
      "get": {
        "operationId": "topics",
        "summary": "Every topic, largest first.",
        "responses": {
          "200": {
            "description": "The topics.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/TopicSummary"
                  }
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Index-Generation": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "Not modified: If-None-Match named the current entity tag."
          },
          "409": {
            "description": "The index has no topics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/topics/{id}": {
      "get": {
        "operationId": "topic",
        "summary": "One topic with its articles, most central first.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "t7 or 7."
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The topic.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TopicResponse"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "Cache-Control": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Index-Generation": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "description": "Not modified: If-None-Match named the current entity tag."
          },
          "400": {
            "description": "A bad limit or id.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such topic.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The index has no topics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/": {
      "get": {
        "operationId": "consoleSearch",
        "summary": "The console's search page.",
        "parameters": [
          {
            "name": "q",
            "in": "query",
            "schema": {
              "type": "string"
            },
            "description": "An article id or words of its headline."
          }
        ],
        "responses": {
          "200": {
            "description": "The search page with its results.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "An exact id: to the article's page."
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/articles/{id}": {
      "get": {
        "operationId": "consoleArticle",
        "summary": "The console's article page.",
        "parameters": [
          {
            "$ref": "#/components/parameters/articleID"
          },
          {
            "$ref": "#/components/parameters/control_k"
          },
          {
            "$ref": "#/components/parameters/control_half_life"
          },
          {
            "$ref": "#/components/parameters/control_older_only"
          },
          {
            "$ref": "#/components/parameters/control_within_days"
          },
          {
            "$ref": "#/components/parameters/control_category"
          },
          {
            "$ref": "#/components/parameters/control_exclude"
          },
          {
            "$ref": "#/components/parameters/control_from"
          },
          {
            "$ref": "#/components/parameters/control_to"
          },
          {
            "$ref": "#/components/parameters/control_mmr"
          },
          {
            "$ref": "#/components/parameters/control_explain"
          },
          {
            "$ref": "#/components/parameters/control_collapse"
          },
          {
            "$ref": "#/components/parameters/control_fallback"
          },
          {
            "name": "saved",
            "in": "query",
            "schema": {
              "type": "string"
            },
            "description": "What was just saved, shown as a notice."
          }
        ],
        "responses": {
          "200": {
            "description": "The article page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "A control has a value it cannot take.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such article.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/articles/{id}/overrides": {
      "post": {
        "operationId": "consoleEdit",
        "summary": "Pin, block, unpin or unblock (editors only).",
        "parameters": [
          {
            "$ref": "#/components/parameters/articleID"
          }
        ],
        "security": [
          {
            "basic": []
          },
          {
            "bearer": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/EditForm"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "Saved: back to the article's page."
          },
          "400": {
            "description": "The change cannot be made.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "No editor's credentials.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "Editing is off, or the CSRF token does not match.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "409": {
            "description": "The overrides changed since the page was loaded.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "413": {
            "description": "The body is too large.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "500": {
            "description": "The file could not be written.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/draft": {
      "get": {
        "operationId": "consoleDraftForm",
        "summary": "The draft preview form.",
        "responses": {
          "200": {
            "description": "The form.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      },
      "post": {
        "operationId": "consoleDraftPreview",
        "summary": "The list a draft would get.",
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "properties": {
                  "title": {
                    "type": "string"
                  },
                  "body": {
                    "type": "string"
                  },
                  "k": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The form and the list, or what kept it from being computed.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "413": {
            "description": "The body is too large.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/topics": {
      "get": {
        "operationId": "consoleTopics",
        "summary": "Today's topics.",
        "parameters": [
          {
            "$ref": "#/components/parameters/days"
          }
        ],
        "responses": {
          "200": {
            "description": "The topics of the newest articles.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "A bad number of days.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The index has no topics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/topics/{id}": {
      "get": {
        "operationId": "consoleTopic",
        "summary": "One topic's articles.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The topic page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "A bad id.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such topic.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The index has no topics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/topic-map": {
      "get": {
        "operationId": "consoleTopicMap",
        "summary": "The topics of the newest articles as an SVG map.",
        "parameters": [
          {
            "$ref": "#/components/parameters/days"
          }
        ],
        "responses": {
          "200": {
            "description": "The map page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "A bad number of days.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The index has no topics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No index is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "basic": {
        "type": "http",
        "scheme": "basic"
      },
      "bearer": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "string"
          }
        },
        "required": [
          "error"
        ]
      },
      "ArticleSummary": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "published": {
            "type": "string"
          },
          "category": {
            "type": "string"
          },
          "url": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "title"
        ]
      },
      "Term": {
        "type": "object",
        "properties": {
          "term": {
            "type": "string"
          },
          "contribution": {
            "type": "number"
          },
          "share": {
            "type": "number"
          }
        },
        "required": [
          "term",
          "contribution",
          "share"
        ]
      },
      "Explanation": {
        "type": "object",
        "properties": {
          "similarity": {
            "type": "number"
          },
          "terms": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Term"
            }
          },
          "topic": {
            "$ref": "#/components/schemas/Term"
          },
          "meaning": {
            "$ref": "#/components/schemas/Term"
          }
        },
        "required": [
          "similarity",
          "terms"
        ]
      },
      "RelatedArticle": {
        "type": "object",
        "properties": {
          "rank": {
            "type": "integer",
            "minimum": 1
          },
          "score": {
            "type": "number"
          },
          "article": {
            "$ref": "#/components/schemas/ArticleSummary"
          },
          "alsoPublishedAs": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "pinned": {
            "type": "boolean"
          },
          "fallback": {
            "type": "boolean"
          },
          "explanation": {
            "$ref": "#/components/schemas/Explanation"
          }
        },
        "required": [
          "rank",
          "score",
          "article"
        ]
      },
      "TopicSummary": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "labelTerms": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "size": {
            "type": "integer"
          },
          "centralArticles": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ArticleSummary"
            }
          }
        },
        "required": [
          "id",
          "labelTerms",
          "size",
          "centralArticles"
        ]
      },
      "TopicResponse": {
        "type": "object",
        "properties": {
          "topic": {
            "$ref": "#/components/schemas/TopicSummary"
          },
          "articles": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "centrality": {
                  "type": "number"
                },
                "article": {
                  "$ref": "#/components/schemas/ArticleSummary"
                }
              },
              "required": [
                "centrality",
                "article"
              ]
            }
          }
        },
        "required": [
          "topic",
          "articles"
        ]
      },
      "RelatedResponse": {
        "type": "object",
        "properties": {
          "article": {
            "$ref": "#/components/schemas/ArticleSummary"
          },
          "related": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RelatedArticle"
            }
          },
          "alsoPublishedAs": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "topic": {
            "$ref": "#/components/schemas/TopicSummary"
          }
        },
        "required": [
          "related"
        ]
      },
      "TextQuery": {
        "type": "object",
        "properties": {
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "body": {
            "type": [
              "string",
              "null"
            ]
          },
          "k": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "maximum": 100
          },
          "embedding": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "number"
            },
            "minItems": 1
          }
        }
      },
      "Readiness": {
        "type": "object",
        "properties": {
          "status": {
            "const": "ready"
          },
          "generation": {
            "type": "integer"
          },
          "articles": {
            "type": "integer"
          },
          "neighbours": {
            "type": "integer"
          },
          "method": {
            "type": "string"
          },
          "indexPath": {
            "type": "string"
          },
          "overridesPath": {
            "type": "string"
          },
          "fileModifiedAt": {
            "type": "string"
          },
          "loadedAt": {
            "type": "string"
          },
          "loadSeconds": {
            "type": "number"
          }
        },
        "required": [
          "status",
          "generation",
          "articles",
          "neighbours",
          "method",
          "indexPath",
          "loadedAt",
          "loadSeconds"
        ]
      },
      "EditForm": {
        "type": "object",
        "properties": {
          "action": {
            "type": "string",
            "enum": [
              "pin",
              "unpin",
              "block",
              "unblock"
            ]
          },
          "article": {
            "type": "string"
          },
          "position": {
            "type": "string"
          },
          "scope": {
            "type": "string",
            "enum": [
              "article",
              "everywhere"
            ]
          },
          "version": {
            "type": "string"
          },
          "csrf": {
            "type": "string"
          },
          "return": {
            "type": "string"
          }
        },
        "required": [
          "action",
          "article",
          "version",
          "csrf"
        ]
      }
    },
    "parameters": {
      "articleID": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string"
        },
        "description": "The article id."
      },
      "control_k": {
        "name": "k",
        "in": "query",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100
        },
        "description": "How many related articles (default 10)."
      },
      "control_half_life": {
        "name": "half_life",
        "in": "query",
        "schema": {
          "type": "number",
          "exclusiveMinimum": 0
        },
        "description": "Recency half-life in days."
      },
      "control_older_only": {
        "name": "older_only",
        "in": "query",
        "schema": {
          "type": "boolean"
        },
        "description": "Only articles published before this one."
      },
      "control_within_days": {
        "name": "within_days",
        "in": "query",
        "schema": {
          "type": "number",
          "minimum": 0
        },
        "description": "Only articles at most this many days apart."
      },
      "control_category": {
        "name": "category",
        "in": "query",
        "schema": {
          "type": "string",
          "enum": [
            "any",
            "same",
            "other"
          ]
        }
      },
      "control_exclude": {
        "name": "exclude",
        "in": "query",
        "schema": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "style": "form",
        "explode": true,
        "description": "Ids never to show."
      },
      "control_from": {
        "name": "from",
        "in": "query",
        "schema": {
          "type": "string"
        },
        "description": "Only articles published on or after this ISO 8601 date or time (2026-03-14, 2026-03-14T09:30:00Z)."
      },
      "control_to": {
        "name": "to",
        "in": "query",
        "schema": {
          "type": "string"
        },
        "description": "Only articles published on or before this ISO 8601 date or time (2026-03-14, 2026-03-14T09:30:00Z) (a bare date: the end of that day)."
      },
      "control_mmr": {
        "name": "mmr",
        "in": "query",
        "schema": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "description": "Diversity by maximal marginal relevance, lambda."
      },
      "control_explain": {
        "name": "explain",
        "in": "query",
        "schema": {
          "type": "boolean"
        },
        "description": "Attach the why-terms of each entry."
      },
      "control_collapse": {
        "name": "collapse",
        "in": "query",
        "schema": {
          "type": "boolean"
        },
        "description": "Show each near-duplicate group once (default true)."
      },
      "control_fallback": {
        "name": "fallback",
        "in": "query",
        "schema": {
          "type": "string",
          "enum": [
            "none",
            "topic"
          ]
        },
        "description": "Fill a short list from the article's topic."
      },
      "days": {
        "name": "days",
        "in": "query",
        "schema": {
          "type": "number",
          "exclusiveMinimum": 0,
          "maximum": 100000
        }
      }
    }
  }
}
"""#
}
