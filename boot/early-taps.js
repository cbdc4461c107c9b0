window.__nfTaps=[];document.addEventListener("click",function(e){var q=window.__nfTaps;if(q)q.push(e.target)},true)
